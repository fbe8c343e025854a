/** The built-in Mentor: what it tells the Student, and which failures belong to the machine. */
package dev.smileloop.learner.mentor;
