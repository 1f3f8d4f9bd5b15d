"""Themes: a board's notes grouped by similarity on the laptop (scikit-learn, nothing leaves the machine),
with a suggested label each, and the organiser's and facilitators' decisions about them."""
