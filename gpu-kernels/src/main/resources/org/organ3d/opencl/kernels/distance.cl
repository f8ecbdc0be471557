/* placeholder: distance */
