# Comparisons, chained comparisons and mixed types.
print(1 < 2, 2 <= 2, 3 > 4, 4 >= 4, 5 == 5.0, 5 != 5)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2, 1 == 1 != 2)
x = 5
print(0 <= x < 10, 0 <= x < 3)
print("abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"))
print(1 == 1.0 == True, None == None, None == 0)
print([1, [2]] == [1, [2]], {"a": 1} == {"a": 1}, {1, 2} == {2, 1})
print(float("nan") == float("nan"), 0.1 + 0.2 == 0.3)


def noisy(v):
    print("eval", v)
    return v


print(noisy(1) < noisy(0) < noisy(2))
