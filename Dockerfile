# One image for every process: the gateway, each subgraph and each worker.
# SERVICE selects the entry point, e.g. gateway/src/main.js, subgraphs/users/src/main.js,
# subgraphs/users/src/worker.js, subgraphs/users/src/seed.js.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY platform platform
COPY gateway gateway
COPY subgraphs subgraphs
COPY scripts scripts
COPY dev dev
COPY schema schema
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/schema schema
COPY package.json ./
USER node
ENV SERVICE=gateway/src/main.js
CMD ["sh", "-c", "exec node --enable-source-maps dist/$SERVICE"]
