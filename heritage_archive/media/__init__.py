"""Media: the image model and its renditions (images), documents, audio and video (mediafiles)."""
