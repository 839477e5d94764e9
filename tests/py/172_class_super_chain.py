# super() follows the MRO in cooperative multiple inheritance.
class Base:
    def __init__(self):
        print("Base init")
        self.trail = ["Base"]


class Left(Base):
    def __init__(self):
        print("Left init")
        super().__init__()
        self.trail.append("Left")


class Right(Base):
    def __init__(self):
        print("Right init")
        super().__init__()
        self.trail.append("Right")


class Bottom(Left, Right):
    def __init__(self):
        print("Bottom init")
        super().__init__()
        self.trail.append("Bottom")


print(Bottom().trail)
