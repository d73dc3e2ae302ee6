-- only a comment


