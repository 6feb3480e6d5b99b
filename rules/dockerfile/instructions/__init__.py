"""DF4xx: instructions and build correctness (FROM, stages, COPY/ADD, WORKDIR, EXPOSE, ENV, ARG, ONBUILD, MAINTAINER)."""
