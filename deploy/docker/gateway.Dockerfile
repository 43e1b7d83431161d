# syntax=docker/dockerfile:1
# Gateway image with the built web client inside (served from wwwroot). From the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t ghcr.io/chatt/chatt-gateway:0.1.0 .

FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY src/Web/package.json src/Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.targets src/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/Gateway.csproj
COPY src/ServiceDefaults/ src/ServiceDefaults/
COPY src/Gateway/ src/Gateway/
COPY --from=web /web/dist/ src/Gateway/wwwroot/
RUN dotnet publish src/Gateway/Gateway.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Gateway.dll"]
