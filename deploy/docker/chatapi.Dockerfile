# syntax=docker/dockerfile:1
# ChatApi image, the Dockerfile way (the SDK way is `dotnet publish -t:PublishContainer`,
# see src/Directory.Build.targets). Build from the repository root:
#   docker build -f deploy/docker/chatapi.Dockerfile -t ghcr.io/chatt/chatt-chatapi:0.1.0 .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the files that decide it, so code edits reuse the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.targets src/
COPY src/ChatApi/ChatApi.csproj src/ChatApi/
RUN dotnet restore src/ChatApi/ChatApi.csproj
COPY src/ChatApi/ src/ChatApi/
RUN dotnet publish src/ChatApi/ChatApi.csproj -c Release --no-restore -o /app

# Chiseled: no shell, no package manager, runs as the non-root "app" user (1654).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "ChatApi.dll"]
