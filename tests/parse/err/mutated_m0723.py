while x < 10:
    x += 1
    if x = 5:
        continue
    if x == 7:
        break
else:
    done = True
while True: break
