# Methods that mutate return None.
lst = [3, 1, 2]
print(lst.sort(), lst)
print(lst.append(4), lst.reverse(), lst)
d = {}
print(d.update(a=1), d.clear(), d)
s = {1}
print(s.add(2), s)
print(print("inner print") is None)
