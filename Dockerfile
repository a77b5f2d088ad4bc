# Multi-stage image: build with the full toolchain, run the bundled API (which serves the console);
# the same image runs the worker with `node worker/main.js`.
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NG_CLI_ANALYTICS=false DO_NOT_TRACK=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p api worker console --configuration=production --outputStyle=static

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data CONSOLE_DIR=/app/console
COPY --from=build /app/dist/apps/api/package.json /app/dist/apps/api/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/apps/api ./
COPY --from=build /app/dist/apps/console/browser ./console
# apps/worker: the same modules as queue consumers only (docker-compose `worker`); its dependencies are the API's
COPY --from=build /app/dist/apps/worker ./worker
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "main.js"]
