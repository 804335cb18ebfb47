"""The analysis layer: entities, places, dates, quantities, quotes and claims."""
