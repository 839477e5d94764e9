for i in x:
    if i: continue
    elif j: break
    else pass
