"""The models' fixed lists agree with the knowledge data they mirror."""

from benzotaper.knowledge import TIMES_OF_DAY
from benzotaper.web.journal.models import TIMES_OF_DAY as MODEL_TIMES_OF_DAY


def test_the_times_of_day_are_the_knowledge_datas() -> None:
    assert MODEL_TIMES_OF_DAY == TIMES_OF_DAY
