# syntax=docker/dockerfile:1
# Ember image: one image, three roles (see docker-compose.yml):
#   node dist/apps/api/src/main.js      Cinder v3 API (default CMD)
#   node dist/apps/worker/src/main.js   BullMQ worker
#   node bin/ember.js migrate|...       operator CLI
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: full dependency tree, compile TypeScript into dist/ ---------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Non-TypeScript files under apps/ and libs/ (SQL migrations, JSON samples, ...) keep their paths.
RUN npm run build \
 && mkdir -p /assets \
 && find apps libs -type f ! -name '*.ts' -exec cp --parents {} /assets/ \;

# ---- prod-deps: production node_modules only ------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    EMBER_DATA_DIR=/var/lib/ember \
    EMBER_API_HOST=0.0.0.0 \
    EMBER_API_PORT=8776
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /assets/ ./
COPY bin ./bin
COPY package.json ./
# The data dir belongs to the unprivileged `node` user (uid 1000) that ships with the image; a
# fresh named volume mounted here inherits that ownership.
RUN mkdir -p "$EMBER_DATA_DIR" && chown node:node "$EMBER_DATA_DIR"
USER node
EXPOSE 8776
CMD ["node", "dist/apps/api/src/main.js"]
