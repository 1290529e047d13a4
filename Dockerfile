# A container for the runnable jar. Build the jar first, then the image:
#   ./mvnw -B package -DskipTests && docker build -t beian-verify .
# Run it with its settings in the environment (docs/operations.md, "A production example"):
#   docker run --env-file /etc/beian-verify/env -p 8080:8080 -p 50051:50051 beian-verify
# Not built here: this machine has no Docker engine.
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --home-dir /var/lib/beian-verify --create-home beian
WORKDIR /var/lib/beian-verify
COPY app/target/app-0.1.0-SNAPSHOT.jar /opt/beian-verify/beian-verify.jar

USER beian
# HTTP (page, REST, /health, /prometheus) and gRPC
EXPOSE 8080 50051
# Logs as JSON lines for the collector; the embedded H2 file (only without BEIAN_DB_URL) under the workdir.
ENV BEIAN_LOG_FORMAT=json
# SIGTERM (docker stop) stops it gracefully: requests finish, jobs stop, claimed SMS are released.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/beian-verify/beian-verify.jar"]
