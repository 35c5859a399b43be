"""Sample content (示例) for a fresh site: `python manage.py load_demo_content`.

- ``data``: the sample records as plain Python data, written for this
  project and marked as sample throughout (【示例】, ``is_sample=True``).
- ``images``: pictures, the logo, the periodical PDFs and the audio clips,
  all made locally (Pillow, ``wave``) so nothing is downloaded.
- ``builder``: creates whatever is missing, so running it twice changes nothing.
"""
