# An uncaught TypeError on a binary operation, with ~~~^~~~ markers.
count = 3
label = "items: " + count
