/**
 * The contracts Student and Mentor agents implement, and the failure kinds that tell the loop
 * whether to retry, time out or stop.
 */
package dev.smileloop.agent.control;
