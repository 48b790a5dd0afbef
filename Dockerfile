# Production image: builds the server and the client, then keeps only what runs.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source (.npmrc: build-from-source); it needs a toolchain.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY shared ./shared
COPY server ./server
COPY client ./client
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
# A production install starts without demo accounts (their password is published): create the
# first users with `docker exec <container> node dist/server/admin.js create-user …`.
# Set at `docker run -e …` as well:
#   PUBLIC_URL=https://werkplek.example.nl   the address users open: the only origin that may write, and the base of links
#   METRICS_TOKEN=<32+ random characters>     the bearer token Prometheus sends for /metrics (refused without it)
#   COOKIE_SECURE=true TRUST_PROXY=1          behind the HTTPS proxy that terminates TLS
# The PDF fonts come with the npm dependencies (dejavu-fonts-ttf): no system fonts are needed.
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data DEMO_SEED=false
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The records are the server user's alone; a new named volume takes this mode and owner.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=64", "dist/server/main.js"]
