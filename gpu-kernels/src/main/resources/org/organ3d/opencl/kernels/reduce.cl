/* placeholder: reduce */
