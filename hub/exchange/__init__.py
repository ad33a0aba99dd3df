"""The personnel-exchange board: offers and requests, applications, placements, indicators."""
