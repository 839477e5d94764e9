# typing: the names annotations use, so typed programs run.
from typing import List, Dict, Optional, Tuple, Callable, Any, Union, TypeVar, Iterator, cast, TYPE_CHECKING
import typing
T = TypeVar("T")
def first(items: List[T]) -> Optional[T]:
    return items[0] if items else None
def apply(f: Callable[[int], int], xs: List[int]) -> Dict[str, int]:
    return {str(x): f(x) for x in xs}
def pairs(n: int) -> Iterator[Tuple[int, int]]:
    for i in range(n):
        yield i, i * i
print(first([3, 4]), first([]), apply(lambda v: v + 1, [1, 2]), list(pairs(3)), cast(int, "x"), TYPE_CHECKING)
print(List[int], Dict[str, List[int]], Optional[str], Union[int, str], Tuple[int, ...], Callable[[int, str], bool], T, Any)
print(typing.List, List[int] == List[int])
UserId = typing.NewType("UserId", int)
print(UserId(5))
print(Ellipsis is ..., ... is ..., Ellipsis)
