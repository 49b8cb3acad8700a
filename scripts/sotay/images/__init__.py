"""Images: mock screens described in images.yml, real screenshots, their checks and text wrapping."""
