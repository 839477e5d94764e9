# Identifiers, including non-ASCII ones and names close to keywords.
_private = 1
__dunder__ = 2
name_with_digits123 = 3
Classy = 4
变量 = 5
café = 6
if_ = 7
print(_private, __dunder__, name_with_digits123, Classy, 变量, café, if_)
True_ = True
print(True_ is True, None is None)
