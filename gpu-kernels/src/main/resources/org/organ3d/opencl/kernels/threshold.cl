/* placeholder: threshold */
