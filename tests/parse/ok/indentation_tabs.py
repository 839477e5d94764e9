if x:
	y = 1
	if z:
		w = 2
if a:
        b = 1
