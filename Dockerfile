# News archive bot: build to plain JavaScript, run on production dependencies only.
#   docker build -t news-archive-bot .
#   docker run --env-file .env -v "$PWD/corpus:/data/corpus:ro" -v news-cache:/data/cache news-archive-bot
# Secrets (DISCORD_TOKEN, …) come from the environment at run time; none is baked into the image.

# ---- build: compile TypeScript (src/ and commands/) to dist/ ----
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build
# The PostgreSQL migrations are SQL files read at run time by `node dist/src/dbMigrate.js`: tsc does not copy them.
RUN cp -r src/pg/migrations dist/src/pg/migrations

# ---- runtime: dist/ and production dependencies, as the unprivileged `node` user ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    CORPUS_DIR=/data/corpus \
    INDEX_CACHE_DIR=/data/cache
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /data/corpus /data/cache && chown -R node:node /data
USER node
# The articles (mount read-only) and the index cache (kept across restarts so the index is not rebuilt).
VOLUME ["/data/corpus", "/data/cache"]
CMD ["node", "dist/src/main.js"]
