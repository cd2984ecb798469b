from generator.content.sources import trusted_since


def test_racy_rule_depends_on_time_granularity() -> None:
    second = 1_000_000_000
    assert not trusted_since(100 * second, 101 * second)  # whole seconds: a coarse file system
    assert trusted_since(100 * second, 103 * second)
    assert trusted_since(100 * second + 123, 100 * second + 123 + 60_000_000)  # nanoseconds: 50 ms is enough
    assert not trusted_since(100 * second + 123, 100 * second + 123 + 10_000_000)
