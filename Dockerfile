# Production image of the Smart Cities Hub portal.
#   docker build -t smart-cities-hub:latest .
# docker-compose.yml runs it as web (gunicorn), worker and beat (Celery).

# Stage 1: the front-end packages, pinned by package-lock.json.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Stage 2: the portal itself.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=hub.settings.production

WORKDIR /app

RUN useradd --uid 1000 --user-group --no-create-home --home-dir /app hub

# requirements.txt pins everything; psycopg2-binary needs no compiler.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# The node stage has no python3, so the gather step runs here: it copies the
# files the pages use from node_modules into static/vendor/.
COPY --from=assets /app/node_modules ./node_modules
RUN python scripts/gather_assets.py && rm -rf node_modules

# collectstatic must use the production storage (ManifestStaticFilesStorage),
# so it runs with the production settings. Those refuse to load without their
# secrets; the values below are dummies for this build step only, are not kept
# in the image and are never used to serve: the real ones come from the
# environment at run time. No database or Redis is contacted here.
RUN SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
    REDIS_URL=redis://build:6379/0 EMAIL_URL=smtp://build \
    DJANGO_SETTINGS_MODULE=hub.settings.production \
    python manage.py collectstatic --noinput

# Uploaded media live in a volume mounted here; the app writes them as hub.
RUN mkdir -p /app/media && chown hub:hub /app/media

USER hub

EXPOSE 8000

CMD ["gunicorn", "hub.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
