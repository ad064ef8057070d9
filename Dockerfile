# One image for every Eagle Eye process (dashboard, scheduler, crawl workers): the command differs.
FROM python:3.11-slim-bookworm

# The same Debian packages `make setup` installs (Makefile APT_PACKAGES): OCR with the Thai model,
# Thai fonts for the PDFs, Chromium for script-built pages, pango for WeasyPrint, pg_dump for backups.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-tha fonts-thai-tlwg chromium libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY eagle_eye eagle_eye
COPY detectors detectors
COPY extractors extractors
COPY crawler crawler
COPY alerts alerts
COPY dashboard dashboard
COPY reports reports
COPY synth synth
RUN pip install --no-cache-dir .

# Nothing runs as root; everything written at rest lives in the data volume.
RUN useradd --create-home --uid 10001 eagle && mkdir -p /data && chown eagle /data
USER eagle
ENV EAGLE_EYE_DATA_DIR=/data \
    EAGLE_EYE_CHROMIUM_PATH=/usr/bin/chromium \
    PYTHAINLP_READ_ONLY=1 \
    PYTHAINLP_OFFLINE=1
VOLUME ["/data"]
ENTRYPOINT ["eagle-eye"]
CMD ["--help"]
