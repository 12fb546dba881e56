/*
 * notification.h - one's own notifications (issue 10): the list with the
 * unread count, marking one or all read.  The acts that cause them write
 * them (store/notification.h); these handlers only read and mark.
 */
#ifndef DOORLOOP_API_NOTIFICATION_H
#define DOORLOOP_API_NOTIFICATION_H

#include "api/api.h"

api_handler api_notifications_list, api_notification_read,
    api_notifications_read_all;

#endif
