"""What the contract models of this directory share: a revert named with
libstake's status for it, and Solidity's checked uint256 arithmetic."""

U256_MAX = 2**256 - 1


class Revert(Exception):
    """A reverted call; name is the STAKE_E* status libstake gives it."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


def require(cond, name):
    if not cond:
        raise Revert(name)


def checked(x, name="STAKE_EOVERFLOW"):
    """A uint256 result: outside [0, 2^256) is a Panic (SafeMath or 0.8)."""
    require(0 <= x <= U256_MAX, name)
    return x
