# syntax=docker/dockerfile:1
# Build stage: compile TypeScript to dist/.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` builds dist/, which needs the sources copied below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY migrations ./migrations
# The build's last step (bin/build-pglite-template.js) makes dist/pglite-template, copied by a first PGlite start.
COPY bin ./bin
RUN npm run build

# Runtime stage: production dependencies and the compiled code only, as a non-root user.
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    TEAMPULSE_DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
RUN mkdir -p /app/data && chown node:node /app/data
# Embedded PGlite keeps its files here when DATABASE_URL is unset; a volume keeps them across container restarts.
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Exec form: node is PID 1 and gets SIGTERM itself (close-with-grace drains requests and closes the pool).
CMD ["node", "bin/teampulse.js", "serve"]
