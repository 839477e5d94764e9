# f-strings evaluating calls, methods, conditionals, comprehensions and dict lookups.
data = {"name": "ann", "scores": [90, 85, 77]}
print(f"{data['name'].title()} averaged {sum(data['scores']) / len(data['scores']):.1f}")
print(f"{'pass' if min(data['scores']) > 60 else 'fail'}: {[s // 10 for s in data['scores']]}")
print(f"{len(data)=} {max(data['scores'])!r:>6}")
width = 12
print(f"{'centered':^{width}}|{data['name']:>{width // 2}}|")
print(f"{3 * 4}{'!' * 3}{{}}{{{1 + 1}}}")
