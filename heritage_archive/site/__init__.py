"""The sections of the public site: home, pages, news, galleries, training, events, branches."""
