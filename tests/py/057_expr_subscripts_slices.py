# Subscripts and slices with negative indexes, steps and omitted bounds.
s = "abcdefgh"
lst = list(range(10))
print(s[0], s[-1], s[2:5], s[:3], s[5:], s[::2], s[::-1], s[-3:], s[1:-1:3])
print(lst[2:8:2], lst[8:2:-2], lst[100:], lst[-100:2], lst[::-3])
print(s[5:2], lst[3:3])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1])
lst[2:4] = ["x", "y", "z"]
print(lst)
lst[::3] = [0, 0, 0, 0]
print(lst)
lst[1:1] = ["inserted"]
print(lst)
sl = slice(1, 5, 2)
print(sl, s[sl], sl.start, sl.stop, sl.step)
print(slice(3), s[slice(None, None, -2)])
m = [[1, 2], [3, 4]]
print(m[1][0], m[-1][-1])
