"""Names and sides in wording found by the ninth session's new dev articles (issue 9). Every
sentence is made up for the test."""

from __future__ import annotations

import pytest
from event_helpers import read


@pytest.mark.parametrize(("more", "name"), [
    (" PANAMAX 2024 focuses on the defence of the canal.", "PANAMAX 2024"),
    (" PANAMAX began in 2003 with three countries. PANAMAX 2024 focuses on the canal.",
     "PANAMAX 2024"),  # the series' history told by its bare name
    (" It is larger than PANAMAX 2022.", "PANAMAX"),  # another edition
])
def test_the_edition_the_article_names_is_the_exercises_name(more, name, geocoder,
                                                             lexicon) -> None:
    text = ("Forces from Panama and Brazil began the annual exercise PANAMAX on Monday near "
            "the Panama Canal." + more)
    assert read(text, geocoder, lexicon) == [(name, {"PA", "BR"})]
