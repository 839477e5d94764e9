if x: pass; y = 1
else: z = 2; w = 3
