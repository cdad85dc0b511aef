"""Kind ``misspell``: (options, text, excerpts it reports) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "misspell"
SOUNDS = {"sounds": {"bu": "不部步布", "bo": "薄泊博", "fu": "副符服", "ji": "及急级即", "qi": "其奇期起"}}
CASES = [
    (SOUNDS, "他按步就班地推进。\n", ["按步就班"]),  # one unknown token → an idiom
    (SOUNDS, "他按部就班地推进。\n", []),
    (SOUNDS, "他淡薄名利。\n", ["淡薄名利"]),  # two words joined → an idiom far likelier
    (SOUNDS, "群众的环保意识还比较淡薄。\n", []),
    (SOUNDS, "打了一个出奇不意。\n", ["出奇不意"]),
    (SOUNDS, "这是名符其实的带头人。\n", ["名符其实"]),
    ({**SOUNDS, "allow": ["名符其实"]}, "这是名符其实的带头人。\n", []),
    ({**SOUNDS, "avoid": ["名副其实"]}, "这是名符其实的带头人。\n", []),
    ({**SOUNDS, "join": 0}, "他淡薄名利。\n", []),
    ({"sounds": {"x": "墨"}, "shapes": ["墨默"]}, "不能默守成规。\n", ["默守成规"]),  # similar shape
    (SOUNDS, "不能默守成规。\n", []),  # 默/墨 not in this table
    ({"sounds": {"fu": "负副"}}, "减少负作用。\n", []),  # two-word compound 负|作用: below the compound bar
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
