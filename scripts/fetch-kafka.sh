#!/usr/bin/env bash
# Fetches the pinned Apache Kafka jars (deploy/local/kafka/pom.xml) into
# $FRESHBENCH_HOME/jvm/kafka/. Safe to run twice; see scripts/fetch-jars.sh.
exec "$(dirname "$0")/fetch-jars.sh" kafka
