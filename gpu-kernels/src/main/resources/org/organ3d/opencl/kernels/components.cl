/* placeholder: components */
