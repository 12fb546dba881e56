/*
 * figures.h - the municipality's figures and the national monitor
 * (api/figures_muni.c; DOMAIN.md R13, R14).
 */
#ifndef DOORLOOP_API_FIGURES_H
#define DOORLOOP_API_FIGURES_H

#include "api/api.h"

int api_figures_municipality(struct api_req *req, struct api_resp *resp,
    struct err *e);
int api_figures_monitor(struct api_req *req, struct api_resp *resp,
    struct err *e);

#endif
