print(f"{'nested'}", f'{"also"}')
