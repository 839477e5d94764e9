# list methods.
lst = [3, 1, 2]
lst.append(4)
lst.extend([5, 6])
lst.insert(0, 0)
lst.insert(100, 7)
print(lst)
print(lst.pop(), lst.pop(0), lst)
lst.remove(2)
print(lst, lst.index(5), lst.count(1))
lst.sort()
print(lst)
lst.sort(reverse=True)
print(lst)
lst.reverse()
print(lst)
words = ["banana", "Apple", "cherry"]
words.sort(key=str.lower)
print(words)
copy = lst.copy()
copy.clear()
print(copy, lst)
try:
    lst.remove(99)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
