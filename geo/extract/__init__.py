"""Read raw article text: place mentions, dates, force figures, exercises, stated distances."""
