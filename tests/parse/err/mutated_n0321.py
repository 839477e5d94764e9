x = f'{a:{b}.{=c}f} andf"{ {d!r:>{e}}'
