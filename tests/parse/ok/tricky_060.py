x = r'\d+\.\d*' + rb'\x00' + Rb'\n' + BR'a' + rB'b' + F'{1}' + fR'{2}' + Rf'{3}'
