@dataclass
class P:
    x: int = 0
    y: int = 0

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def s():
        pass

    @property
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
