/* placeholder: mesh_measure */
