a = f'''line one {x}
line two {y}
'''
b = f"""
{z}
"""
