# syntax=docker/dockerfile:1
# Ember image: one image, three roles (see docker-compose.yml):
#   bin/ember-serve api                 Cinder v3 API (default CMD)
#   bin/ember-serve worker              BullMQ worker
#   node bin/ember.js migrate|...       operator CLI
# bin/ember-serve execs node with the production flags of each role (the API's heap bounds).
# Extra node flags go after the role: bin/ember-serve api --max-old-space-size=512
ARG NODE_IMAGE=node:20-bookworm-slim
# The build stage compiles a small native addon (libs/storage/native): the full image has python3,
# make and g++. Same Debian release as NODE_IMAGE, so the addon runs there.
ARG BUILD_IMAGE=node:20-bookworm

# ---- build: full dependency tree, compile TypeScript into dist/ ---------------------------------
FROM ${BUILD_IMAGE} AS build
WORKDIR /app
# node-gyp builds against the image's own Node headers, never downloads them.
ENV npm_config_nodedir=/usr/local
# The postinstall script (scripts/build-native.mjs) must exist; with no sources yet it does nothing.
COPY package.json package-lock.json ./
COPY scripts/build-native.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# Non-TypeScript files under apps/ and libs/ (SQL migrations, JSON samples, ...) keep their paths;
# the native addon's sources and build tree do not go to the runtime image (only its .node, below).
RUN npm run build \
 && mkdir -p /assets \
 && find apps libs -type f ! -name '*.ts' ! -path 'libs/storage/native/*' -exec cp --parents {} /assets/ \;
# The SEEK_DATA/SEEK_HOLE addon of libs/storage. The script never fails (installs elsewhere fall
# back to reading holes); in the image it must have been built.
RUN rm -rf libs/storage/native/build \
 && node scripts/build-native.mjs \
 && test -f libs/storage/native/build/Release/ember_extents.node

# ---- prod-deps: production node_modules only ------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# The postinstall script has nothing to build here (no addon sources): it returns quietly.
COPY scripts/build-native.mjs ./scripts/
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
COPY --from=build /app/libs/storage/native/build/Release/ember_extents.node ./libs/storage/native/build/Release/ember_extents.node
COPY bin ./bin
COPY package.json ./
# The data dir belongs to the unprivileged `node` user (uid 1000) that ships with the image; a
# fresh named volume mounted here inherits that ownership.
RUN mkdir -p "$EMBER_DATA_DIR" && chown node:node "$EMBER_DATA_DIR"
USER node
EXPOSE 8776
CMD ["bin/ember-serve", "api"]
